"""Dialogs of the window: the template gallery and the import preview."""
