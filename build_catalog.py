#!/usr/bin/env python3
"""Check the UKM catalogue and build the Rumah Kreatif UKM Blora showroom."""

import sys

from catalog.cli import main

if __name__ == "__main__":
    sys.exit(main())
