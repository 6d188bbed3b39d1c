from harga.cli import main

main()
