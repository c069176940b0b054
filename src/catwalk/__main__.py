from catwalk.cli import entry

entry()
