from skattekiste.felles.text import sort_norwegian


def test_norwegian_letters_sort_after_z_in_the_right_order():
    words = ["Østfold", "Agder", "Ålesund", "Ærø", "Zeta", "øvre", "bergen"]
    assert sort_norwegian(words) == ["Agder", "bergen", "Zeta", "Ærø", "Østfold", "øvre", "Ålesund"]
