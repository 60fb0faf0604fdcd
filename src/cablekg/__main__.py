from cablekg.cli import run

run()
