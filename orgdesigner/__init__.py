"""OrgDesigner: a desktop org-chart designer with the customer-on-top pyramid."""

__version__ = "0.1.0"
