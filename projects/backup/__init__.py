"""Backup and restore (README: Backup and restore): one archive with every table, read in one
snapshot, and every uploaded file; restored into an empty, migrated database and empty media folder.

Why not pg_dump: it covers PostgreSQL only and must match the server's version, and the uploads
would still need a second archive. The ORM reads and writes the same rows on SQLite and PostgreSQL,
one code path, and a demo on SQLite can be restored into PostgreSQL."""

from projects.backup.archive import BackupError as BackupError
from projects.backup.archive import write_backup as write_backup
from projects.backup.checking import check_backup as check_backup
from projects.backup.restoring import restore_backup as restore_backup
