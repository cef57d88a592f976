"""Categories read in the order the table numbered them: (一)(二)(三)(四)(五), not by character code."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from accounts.roles import Role
from pages.filters import choice_lists
from projects.categories import category_order, numbering
from tests.factories import make_user
from tests.projects.conftest import load

FIVE = ["(一) 聚力转型攻坚，推动提质力促提级", "(二) 紧扣一体发展，提高品质跃升品位",
        "(三) 发挥世遗效应，融合文旅赓续文脉", "(四) 深化改革开放，激发活力转化动力",
        "(五) 突出优质均衡，聚焦民生凝聚民心"]


@pytest.mark.parametrize("name, number", [
    ("(三) 发挥世遗效应", 3), ("（十一）交通", 11), ("十二、住房", 12), ("二十三. 其他", 23), ("2. 卫生", 2),
    ("第四 教育", 4), ("10、养老", 10), ("社会救助类", None), (None, None), ("", None),
])
def test_a_category_name_is_read_for_its_printed_number(name, number):
    assert numbering(name) == number


def test_categories_without_positions_sort_by_their_numbers_then_name_with_none_last():
    names = ["(十一) 交通", "(二) 教育", None, "(一) 卫生", "其他"]
    assert sorted(names, key=category_order) == ["(一) 卫生", "(二) 教育", "(十一) 交通", "其他", None]


@pytest.mark.django_db
def test_the_dashboard_lists_categories_in_the_tables_order(client):
    plan = load("004")
    client.force_login(make_user(username="ducha", role=Role.COORDINATOR, jurisdiction=plan.jurisdiction))
    board = client.get(reverse("dashboard")).context["board"]
    labels = [row["label"] for row in board.by_category]
    assert labels[:5] == FIVE and labels[5:] in ([], [None])  # projects printed before any category come last


@pytest.mark.django_db
def test_the_project_lists_category_filter_offers_them_in_the_tables_order(client):
    plan = load("004")
    request = RequestFactory().get("/projects/")
    request.user = make_user(username="ducha", role=Role.COORDINATOR, jurisdiction=plan.jurisdiction)
    assert [name for name, _label in choice_lists(request)["category"]] == FIVE
