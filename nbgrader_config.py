"""nbgrader configuration for trainers who run nbgrader themselves in this checkout.

solutions/ is the source and exercises/ the release. The settings live in the package
(asm_workshop.grading.config) so that `asm-workshop release`, the tests and this file
all grade the same way.
"""

from pathlib import Path

from asm_workshop.grading.config import course_config

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)
c.merge(course_config(Path(__file__).parent))
