"""PDF documents (ReportLab). No Qt: made from the CLI and in background threads alike."""
