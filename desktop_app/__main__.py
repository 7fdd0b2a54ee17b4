import sys

from desktop_app.app import main

raise SystemExit(main(sys.argv[1:]))
