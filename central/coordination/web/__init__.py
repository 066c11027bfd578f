"""The coordinator page: server-rendered HTML over the same FiguresService as
GET /api/v1/figures, behind a signed session cookie (docs/security.md)."""
