"""What a word, a line's number or a cell says: the importer's foundation, which any stage may use.

cells/ parses a cell's text (money, units, people, quarters, script); layouts.py knows the header
words and the roles of columns; numbering.py spells every numbering pattern (一、 （一） 1. ① 第一项)
once; progress_report.py is how a long import says how far it is. Nothing here imports a stage."""
