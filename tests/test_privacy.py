"""Personal data: the checker warns on e-mail addresses and telephone numbers."""

from casebook.core.validate import read_case
from casebook.core.vocabulary import load_vocabulary
from conftest import case_text

VOCAB = load_vocabulary()


def warnings_of(text: str) -> list[str]:
    case, problems = read_case("cases/x.md", text.encode(), VOCAB)
    assert case is not None  # a warning never stops a case from being published
    return [str(p) for p in problems if p.severity == "warning"]


def test_email_address_in_the_body_is_a_warning_at_its_line():
    text = case_text() + "\nWrite to jane.doe@stat.example.org for details.\n"
    line = len(text.splitlines())
    assert warnings_of(text) == [
        f"cases/x.md:{line}: body: warning: an e-mail address 'jane.doe@stat.example.org': cite offices, "
        "not people; a reviewer can accept it with 'personal_data_reviewed: true'"
    ]


def test_international_telephone_number_in_a_field_is_a_warning():
    [warning] = warnings_of(case_text(organisation='"Statistics Norway, +47 21 09 00 00"'))
    assert "organisation: warning: a telephone number '+47 21 09 00 00'" in warning


def test_labelled_telephone_number_is_a_warning():
    [warning] = warnings_of(case_text() + "\nPhone: 021 09 00 00\n")
    assert "a telephone number 'Phone: 021 09 00 00'" in warning


def test_years_figures_and_mobile_networks_are_not_telephone_numbers():
    text = case_text(summary='"Between 2016-2019 the 10 000 000 records of mobile network 3 operators grew."')
    assert warnings_of(text) == []


def test_a_reviewed_exception_silences_the_warning():
    text = case_text().replace("visibility: public", "visibility: public\npersonal_data_reviewed: true")
    assert warnings_of(text + "\nContact: info@stat.example.org\n") == []


def test_a_label_that_opens_the_text_is_a_telephone_label():
    [warning] = warnings_of(case_text() + "\nTel. 021 09 00 00\n")
    assert "a telephone number 'Tel. 021 09 00 00'" in warning


def test_a_label_inside_a_word_is_not_a_telephone_label():
    assert warnings_of(case_text() + "\nThe Hotel 021 09 00 00 and the automobile 0210 900 00.\n") == []
