"""PDF documents (ReportLab). No Qt: made from the CLI and in background threads alike."""

CASE_DOCUMENTS = ("intake", "summary")  # made from one case, by kind
