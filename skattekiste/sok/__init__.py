"""/sok/ and /api/sok/: Norwegian search across examples, methods and insight.

One search across examples, method cards, insights, sources, citizen groups and needs:

1. `query.parse_query()` cleans what was typed, finds citizen groups and thesaurus words
   in it and expands every word with the forms `wordforms` finds in the content's own word
   list (built by `wordlist.refresh_lexicon()`).
2. `candidates.search()` matches it against the stored search vectors of every kind of
   result in `types.TYPES`, ranks a bounded set of candidates and, with no hits, asks
   `suggestions.suggest()` for «Mente du …?».
3. `snippets.add_snippets()` highlights the shown page only.

Hand-written SQL takes its table and column names from the models (`sql`).
"""
