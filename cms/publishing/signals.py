"""
Signals of the read model, for the services that keep something beside it.

``documents_refreshed`` is sent by ``documents.refresh_pages`` inside its
transaction, once the documents are written: ``stored`` are the live pages
whose documents were rebuilt, ``removed`` the ids whose documents are gone.
A receiver's writes (search's entries) commit or roll back with them.
"""

from django.dispatch import Signal

documents_refreshed = Signal()
