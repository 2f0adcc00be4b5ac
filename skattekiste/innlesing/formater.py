"""The file types the admin reads and writes, with the one formula escape of felles/eksport.py.

django-import-export's own escape takes a leading "=" away: it leaves "+", "-" and "@"
cells that a spreadsheet runs, and a title that starts with "=" comes back changed.
Here every such cell gets the lists' leading apostrophe on export, and reading a file
takes it off again, so a round trip changes nothing.
"""

import tablib
from import_export.formats import base_formats

from skattekiste.felles.eksport import safe_cell, unescape_cell


class _FormulaSafe:
    def _escape_formulae(self, dataset: tablib.Dataset) -> None:
        # Called by export_data when IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT is on.
        _map_cells(dataset, lambda cell: str(safe_cell(cell)))

    def create_dataset(self, in_stream, **kwargs) -> tablib.Dataset:
        dataset = super().create_dataset(in_stream, **kwargs)
        _map_cells(dataset, unescape_cell)
        return dataset


def _map_cells(dataset: tablib.Dataset, change) -> None:
    for _ in range(dataset.height):
        dataset.append([change(cell) for cell in dataset.lpop()])


class CSV(_FormulaSafe, base_formats.CSV):
    pass


class XLSX(_FormulaSafe, base_formats.XLSX):
    """Every cell is written as text, as in the CSV file.

    The library writes native types to XLSX and then the formula escape turns every cell into
    text anyway; text from the start reads back the same, and an empty cell stays empty.
    """


FORMATS = [CSV, XLSX]
