"""The project's moto server: moto's own WSGI application, handling one request at a time.

moto's in-memory backends are not thread-safe. Under concurrent requests its threaded server loses
updates that DynamoDB applies atomically (measured here with moto 5.2.5: 397 of 400 concurrent UpdateItem
ADDs, 293 of 300 one-item TransactWriteItems). Serialising the application restores DynamoDB's per-item
atomicity; it costs no throughput worth having, since moto is bound by the GIL anyway. Connections are
still accepted concurrently.

moto also backs up every table a TransactWriteItems names by copying it whole, item by item, before it
applies the writes (to restore it if one of them fails). A registration is a transaction, so its cost
grew with the table: about 0.1 ms per stored item, 330 ms per registration at 2,000 items (measured
here), stalls of several seconds, and a demo load past 1,000 s with moto at 9 GB. With
cheap_transaction_backups the backup copies the table's item index and only the items the transaction
names, the only ones it can change; a failed transaction is still undone as moto undoes it.

Usage: moto_server.py [-H HOST] [-p PORT]   (run with the project venv's python: infrastructure/moto-server)
"""

import argparse
import copy
import signal
import sys
import threading
from collections import defaultdict

from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import run_simple


def one_at_a_time(app):
    lock = threading.Lock()

    def serialised(environ, start_response):
        with lock:
            return list(app(environ, start_response))

    return serialised


def cheap_transaction_backups():
    """Makes moto's backup of a table before a transaction copy only what the transaction can change."""
    from moto.dynamodb import models
    from moto.dynamodb.models.dynamo_type import DynamoType
    from moto.dynamodb.models.table import Table

    named = threading.local()  # the transaction being applied (requests are serialised anyway)

    def keys_named(table):
        for write in getattr(named, "items", ()):
            (op,) = write.values()
            if op.get("TableName") != table.name:
                continue
            key = op.get("Key") or op.get("Item") or {}
            hash_value = key.get(table.hash_key_attr)
            range_value = key.get(table.range_key_attr) if table.range_key_attr else None
            if hash_value is not None:
                yield DynamoType(hash_value), None if range_value is None else DynamoType(range_value)

    def backup(table):
        saved = copy.copy(table)
        if table.range_key_attr:
            saved.items = defaultdict(dict, {h: dict(r) for h, r in table.items.items()})
        else:
            saved.items = defaultdict(dict, table.items)
        for hash_value, range_value in keys_named(table):
            if range_value is None:
                if hash_value in table.items:
                    saved.items[hash_value] = copy.deepcopy(table.items[hash_value])
            elif range_value in table.items.get(hash_value, {}):
                saved.items[hash_value][range_value] = copy.deepcopy(table.items[hash_value][range_value])
        return saved

    class BackupAware:
        """The copy module as moto's backend sees it: a table is backed up by backup()."""

        @staticmethod
        def deepcopy(value, memo=None):
            if isinstance(value, Table) and hasattr(named, "items"):
                return backup(value)
            return copy.deepcopy(value, memo)

    transact = models.DynamoDBBackend.transact_write_items

    def transact_write_items(self, transact_items):
        named.items = transact_items
        try:
            return transact(self, transact_items)
        finally:
            del named.items

    models.copy = BackupAware
    models.DynamoDBBackend.transact_write_items = transact_write_items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=4566)
    args = parser.parse_args()
    cheap_transaction_backups()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, lambda *_: sys.exit(0))
    run_simple(
        args.host,
        args.port,
        one_at_a_time(DomainDispatcherApplication(create_backend_app)),
        threaded=True,
        request_handler=MotoRequestHandler,
    )


if __name__ == "__main__":
    main()
