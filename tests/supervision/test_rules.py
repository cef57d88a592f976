"""Each office's rules: its own where set, else its parent's, else published practice."""

import pytest

from supervision.models import Rules
from supervision.rules import DEFAULTS, all_rules, rules_for
from tests.factories import make_jurisdiction

pytestmark = pytest.mark.django_db


def test_a_jurisdiction_without_rules_follows_published_practice():
    resolved = rules_for(make_jurisdiction())
    assert (resolved.letter_yellow_periods, resolved.summon_red_periods) == (2, 3)
    assert [resolved.answer_days(u) for u in ("urgent", "normal", "difficult")] == [5, 15, 30]
    assert resolved == DEFAULTS


def test_a_district_inherits_what_its_city_set_and_overrides_what_it_sets_itself():
    licheng = make_jurisdiction()
    Rules.objects.create(jurisdiction=licheng.parent, urgent_days=3, sheet_prefix="泉督办",
                         webhook_kind="dingtalk", webhook_url="http://127.0.0.1:9/city")
    Rules.objects.create(jurisdiction=licheng, sheet_prefix="鲤督办", normal_days=10)
    resolved = rules_for(licheng)
    assert (resolved.urgent_days, resolved.normal_days, resolved.difficult_days) == (3, 10, 30)
    assert resolved.sheet_prefix == "鲤督办"
    assert (resolved.webhook_kind, resolved.webhook_url) == ("dingtalk", "http://127.0.0.1:9/city")


def test_every_jurisdictions_rules_at_once_are_each_ones_own(django_assert_num_queries):
    licheng = make_jurisdiction()
    fengze = make_jurisdiction(name="丰泽区", parent=licheng.parent)
    Rules.objects.create(jurisdiction=licheng.parent, urgent_days=3, webhook_kind="wecom",
                         webhook_url="http://127.0.0.1:9/city")
    Rules.objects.create(jurisdiction=licheng, normal_days=10, webhook_kind="dingtalk",
                         webhook_url="http://127.0.0.1:9/licheng")
    with django_assert_num_queries(2):  # the jurisdictions and the rules, however many there are
        every = all_rules()
    assert {pk: every[pk] for pk in (licheng.pk, fengze.pk, licheng.parent_id)} == {
        pk: rules_for(pk) for pk in (licheng.pk, fengze.pk, licheng.parent_id)}
    assert every[fengze.pk].webhook_kind == "wecom" and every[licheng.pk].webhook_kind == "dingtalk"
    assert every[licheng.pk].normal_days == 10 and every[fengze.pk].normal_days == 15
