"""nbgrader steps for untrusted submissions: bounded outputs, duplicates and deleted cells.

nbgrader limits outputs by lines only, so one enormous line passes. When a graded cell is
duplicated it empties the earlier copies' grading metadata, which its own metadata check then
rejects, stopping the whole submission. Its option to put deleted test cells back fails when a
test cell followed an ungraded one. These steps replace the three.
"""

from __future__ import annotations

from nbgrader import utils
from nbgrader.preprocessors import DeduplicateIds, NbGraderPreprocessor, OverwriteCells
from traitlets import Integer


class LimitOutputSize(NbGraderPreprocessor):
    """Cut outputs to a size a grader and a feedback page can hold."""

    max_characters = Integer(100_000, help="largest text kept from one output").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and len(output.get("text", "")) > self.max_characters:
                output["text"] = output["text"][: self.max_characters] + "\n... output cut ...\n"
            for mime, value in list(output.get("data", {}).items()):
                if len(str(value)) > 10 * self.max_characters:
                    del output["data"][mime]
                    output["data"].setdefault("text/plain", "... output too large, removed ...")
            if output.get("output_type") == "error":
                output["evalue"] = str(output.get("evalue", ""))[: self.max_characters]
                output["traceback"] = [line[: self.max_characters] for line in output.get("traceback", [])]
        return cell, resources


class DemoteDuplicatedCells(DeduplicateIds):
    """nbgrader's DeduplicateIds: the last copy of a graded cell counts, earlier ones become plain."""

    def preprocess_cell(self, cell, resources, index):
        cell, resources = super().preprocess_cell(cell, resources, index)
        if cell.metadata.get("nbgrader") == {}:
            del cell.metadata["nbgrader"]
        return cell, resources


class RestoreDeletedCells(OverwriteCells):
    """nbgrader's OverwriteCells, putting deleted graded and task cells back in any notebook."""

    def add_missing_grade_cells(self, nb, resources):
        source = self.gradebook.find_notebook(self.notebook_id, self.assignment_id)
        order = [cell.name for cell in source.source_cells]
        solution_ids = {cell.name for cell in source.solution_cells}
        for grade_cell in source.grade_cells:
            present = {_grade_id(cell) for cell in nb.cells} - {None}
            if grade_cell.name in present:
                continue
            self.log.warning("Missing grade cell %s encountered, adding to notebook", grade_cell.name)
            source_cell = source.source_cells[order.index(grade_cell.name)]
            restored = self.missing_cell_transform(
                source_cell, grade_cell.max_score, is_solution=grade_cell.name in solution_ids)
            nb.cells.insert(self._position_after_predecessor(nb, order, grade_cell.name), restored)
        return nb, resources

    def add_missing_task_cells(self, nb, resources):
        source = self.gradebook.find_notebook(self.notebook_id, self.assignment_id)
        order = [cell.name for cell in source.source_cells]
        present = {_grade_id(cell) for cell in nb.cells}
        for task_cell in source.task_cells:
            if task_cell.name not in present:
                source_cell = source.source_cells[order.index(task_cell.name)]
                nb.cells.append(self.missing_cell_transform(source_cell, task_cell.max_score, is_task=True))
        return nb, resources

    @staticmethod
    def _position_after_predecessor(nb, order: list[str], name: str) -> int:
        """Index just after the nearest cell that precedes ``name`` in the source and is still there."""
        positions = {_grade_id(cell): index for index, cell in enumerate(nb.cells)}
        for previous in reversed(order[: order.index(name)]):
            if previous in positions:
                return positions[previous] + 1
        return 0


def _grade_id(cell) -> str | None:
    nbgrader = cell.get("metadata", {}).get("nbgrader", {})
    if utils.is_grade(cell) or utils.is_solution(cell) or utils.is_locked(cell) or utils.is_task(cell):
        return nbgrader.get("grade_id")
    return None
