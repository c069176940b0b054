from catwalk.cli import main

raise SystemExit(main())
