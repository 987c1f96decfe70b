"""Operations: backing the newsroom up and restoring it (docs/backup.md)."""
