"""The word tokenizer shared by the attribution rules and the lexicons (so a several-word cue
in a lexicon is split exactly as the text around it is)."""

import re

#: an elided article or conjunction ("l'", "qu'"), a word (hyphens, apostrophes, dots and "&"
#: inside it: "porte-parole", "Russia's", "U.S"), or one punctuation mark
TOKEN = re.compile(
    r"(?:[lLdDjJnNsSmMtTcC]|[Qq]u|[Ll]orsqu|[Jj]usqu|[Pp]uisqu)['’](?=\w)"
    r"|\w+(?:[-'’.&]\w+)*"
    r"|[^\w\s]"
)
