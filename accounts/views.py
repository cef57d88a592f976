from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.roles import ROLE_ABILITIES


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Who you are and what you may do."""
    roles = request.user.roles()
    abilities = [ability for role in roles for ability in ROLE_ABILITIES[role]]
    return render(request, "home.html", {"roles": roles, "abilities": abilities})
