#!/bin/sh
# Stands in for Prisma's native schema-engine binary, which this project never downloads.
# `prisma generate` only checks that the binary exists; anything that really needs the
# engine (migrate, db push, db pull) ends up here.
echo "The native Prisma schema engine is not installed here (no binary downloads)." >&2
echo "Use the project's runner instead: pnpm dangol db migrate | db status | db check | db migration create NAME" >&2
echo "See docs/prisma-offline.md." >&2
exit 1
