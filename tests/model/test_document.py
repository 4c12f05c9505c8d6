import pytest
from pydantic import ValidationError

from orgdesigner.model import CheckProfile, OrgDocument, Position, Scenario
from orgdesigner.model.synthetic import generate_org


def test_unknown_keys_are_refused():
    data = OrgDocument.empty().model_dump(mode="json")
    data["scenarios"][0]["positions"] = [{"id": "a", "salary": 3}]
    with pytest.raises(ValidationError, match="salary"):
        OrgDocument.model_validate(data)


def test_strings_and_ids_are_bounded():
    with pytest.raises(ValidationError):
        Position(id="x" * 129)
    with pytest.raises(ValidationError):
        Position(id="a", title="t" * 301)
    with pytest.raises(ValidationError):
        Position(id="")


def test_active_scenario_must_exist_and_ids_be_unique():
    with pytest.raises(ValidationError, match="active_scenario"):
        OrgDocument(scenarios=[Scenario(id="a", name="A")], active_scenario="b")
    with pytest.raises(ValidationError, match="unique"):
        OrgDocument(scenarios=[Scenario(id="a", name="A"), Scenario(id="a", name="B")],
                    active_scenario="a")


def test_positions_are_frozen_values():
    p = Position(id="a", holder="Ann")
    with pytest.raises(ValidationError):
        p.holder = "Bob"
    assert Position(id="v").vacant and Position(id="v").label == "v"


def test_profile_presets_follow_span_archetypes():
    assert CheckProfile.preset("coach").span_min == 6
    assert CheckProfile.preset("coach").span_max == 7
    with pytest.raises(KeyError, match="known"):
        CheckProfile.preset("bossy")


def test_json_round_trip():
    doc = generate_org(50, seed=3)
    again = OrgDocument.model_validate_json(doc.model_dump_json())
    assert again == doc
