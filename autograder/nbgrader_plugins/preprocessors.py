"""Two of nbgrader's sanitizing preprocessors, fixed for students who delete or copy cells.

``nbgrader_config.py`` puts them in place of nbgrader's own (``Autograde.sanitize_preprocessors``).

A student who copies a read-only or graded cell: nbgrader's ``DeduplicateIds`` keeps the last
copy's nbgrader metadata and sets the others' to ``{}``, which its own metadata check then takes
for an outdated format, and the student's whole assignment fails to autograde (nbgrader issue
#1083). :class:`DropDuplicateIds` removes the copies' nbgrader metadata instead: they become
ordinary cells, and the last copy is graded, once.

A student who deletes a test cell: nbgrader 0.9's ``OverwriteCells.add_missing_cells``
re-inserts it right after the cell that precedes it in the source notebook, and looks that cell
up among the submission's grade and solution cells only: when it is a read-only markdown cell
(the "Checks" heading of an exercise, a question of the questionnaire) autograding that student
stops with a ``KeyError``; it stops with another ``KeyError`` when a student copied a cell (as
above). :class:`RestoreDeletedCells` inserts a deleted grade cell after the nearest earlier source cell
the submission still has, whatever its kind (at the top when there is none), and tolerates cells
without a grade id.
"""

from __future__ import annotations

from nbgrader import utils
from nbgrader.preprocessors import DeduplicateIds, OverwriteCells


class DropDuplicateIds(DeduplicateIds):
    """``DeduplicateIds`` that turns every copy but the last into an ordinary cell."""

    def preprocess_cell(self, cell, resources, cell_index):
        if not (utils.is_grade(cell) or utils.is_solution(cell) or utils.is_locked(cell)):
            return cell, resources
        grade_id = cell.metadata.nbgrader["grade_id"]
        if grade_id in self.grade_ids:  # cells are visited last to first
            self.log.warning("Cell with id '%s' exists multiple times: grading the last", grade_id)
            del cell.metadata["nbgrader"]
        else:
            self.grade_ids.add(grade_id)
        return cell, resources


class RestoreDeletedCells(OverwriteCells):
    """``OverwriteCells`` whose ``add_missing_cells`` survives read-only markdown and copies."""

    @staticmethod
    def _positions(nb) -> dict:
        return {cell.metadata.get("nbgrader", {}).get("grade_id"): i
                for i, cell in enumerate(nb.cells)}

    def add_missing_grade_cells(self, nb, resources):
        source_nb = self.gradebook.find_notebook(self.notebook_id, self.assignment_id)
        order = [cell.name for cell in source_nb.source_cells]  # the source notebook's order
        source = {cell.name: cell for cell in source_nb.source_cells}
        solutions = {cell.name for cell in source_nb.solution_cells}
        for grade_cell in sorted(source_nb.grade_cells, key=lambda g: order.index(g.name)):
            present = self._positions(nb)
            if grade_cell.name in present:
                continue
            self.log.warning("Missing grade cell %s, adding it to the notebook", grade_cell.name)
            cell = self.missing_cell_transform(source[grade_cell.name], grade_cell.max_score,
                                               is_solution=grade_cell.name in solutions)
            earlier = order[: order.index(grade_cell.name)]
            at = next((present[name] + 1 for name in reversed(earlier) if name in present), 0)
            nb.cells.insert(at, cell)
        return nb, resources

    def add_missing_task_cells(self, nb, resources):
        source_nb = self.gradebook.find_notebook(self.notebook_id, self.assignment_id)
        source = {cell.name: cell for cell in source_nb.source_cells}
        present = self._positions(nb)
        for task_cell in source_nb.task_cells:
            if task_cell.name not in present:
                nb.cells.append(self.missing_cell_transform(
                    source[task_cell.name], task_cell.max_score, is_task=True))
        return nb, resources
