"""Fixtures for the PDF tests (the helpers live in ``pdf_fixtures``)."""

from __future__ import annotations

import pytest
from pdf_fixtures import simple_layout, small_document

from orgdesigner.model.document import OrgDocument

__all__ = ["simple_layout", "small_document"]


@pytest.fixture
def layout():
    return simple_layout


@pytest.fixture
def small_doc() -> OrgDocument:
    return small_document()
