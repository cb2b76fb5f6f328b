from asm_workshop.cli import main

raise SystemExit(main())
