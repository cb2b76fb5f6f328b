"""Grading with nbgrader: course configuration, release, validation and autograde."""
