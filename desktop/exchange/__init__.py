"""Spreadsheets in and out: import of existing lists (CSV, XLSX, ODS) and exports. Uses the
core services; the UI and the CLI use this package. No Qt."""
