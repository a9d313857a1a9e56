"""At province size (more than 40 communes) the overview and the mid-term report's page show
the communes one page at a time, with page links that keep the sort and filter, while the
district totals still cover every accepted report (computed here independently)."""
import re

import pytest

from webapp.core.roles import UnitKind
from webapp.duties.models import Assignment, Duty
from webapp.extensions import db
from webapp.plan.models import Unit
from webapp.synthesis.district import PROVINCE_SIZE, district_view

from ..conftest import htmx, user_for
from . import factories
from .factories import commune_raw, report

# (unit code, households, poor, near-poor) of 2021, 2022, 2023
ACCEPTED = {
    "binh-chanh": ([1000, 1000, 1000], [100, 80, 60], [50, 50, 40]),
    "binh-long": ([3000, 3000, 3000], [60, 50, 40], [150, 120, 90]),
    "binh-an": ([2000, 2100, 2200], [300, 250, 220], [90, 80, 70]),
}
INVENTED = PROVINCE_SIZE + 8 - 22   # communes added to the district's 22


@pytest.fixture
def province(app, make_user):
    duty = db.session.query(Duty).filter_by(code="bao-cao-ket-qua").one()
    last = max(u.position for u in db.session.query(Unit))
    for n in range(1, INVENTED + 1):
        unit = Unit(code=f"xa-thu-{n:03d}", name=f"Xã Thử {n:03d}", short_name=f"Thử {n:03d}",
                    kind=UnitKind.COMMUNE.value, position=last + n)
        db.session.add(unit)
        db.session.flush()
        db.session.add(Assignment(duty_id=duty.id, unit_id=unit.id))
    db.session.commit()
    factories._users.clear()
    coordinator = user_for("coordinator")
    for code, (households, poor, near) in ACCEPTED.items():
        report(code, commune_raw(households, poor, near), make_user, coordinator)
    # submitted, not accepted: never counted
    report("binh-chau", commune_raw([9000] * 3, [900] * 3, [1] * 3), make_user, coordinator,
           accept=None)
    return duty.plan


def _expected(period: int):
    households = sum(h[period] for h, _p, _n in ACCEPTED.values())
    poor = sum(p[period] for _h, p, _n in ACCEPTED.values())
    near = sum(n[period] for _h, _p, n in ACCEPTED.values())
    return households, poor, near, round(poor * 100 / households, 2)


def test_the_totals_cover_every_accepted_report_whatever_the_page(province):
    communes = db.session.query(Unit).filter_by(kind=UnitKind.COMMUNE.value).count()
    assert communes == PROVINCE_SIZE + 8
    for page in ("1", "3"):
        view = district_view(province, {"trang": page}, projects=True)
        assert view.paged and view.page.pages == 3 and len(view.communes) <= 20
        for index, year in enumerate(("2021", "2022", "2023")):
            households, poor, near, rate = _expected(index)
            assert view.total(year, "households") == households
            assert view.total(year, "poor") == poor
            assert view.total(year, "near_poor") == near
            assert view.total(year, "poor_rate") == rate
        assert view.communes_accepted == 3 and view.communes_total == communes
    # the highest poor rate of 2023 first: Bình An 10 %, Bình Chánh 6 %, Bình Long 1.33 %
    ranked = district_view(province, {"sap-xep": "ty-le-cao"})
    assert [c.unit.short_name for c in ranked.communes[:3]] == ["Bình An", "Bình Chánh", "Bình Long"]
    assert not ranked.communes[3].accepted
    lowest = district_view(province, {"sap-xep": "ty-le-thap", "loc": "da-tiep-nhan"})
    assert [c.unit.short_name for c in lowest.communes] == ["Bình Long", "Bình Chánh", "Bình An"]
    missing = district_view(province, {"loc": "chua-tiep-nhan", "trang": "3"})
    assert missing.shown == communes - 3 and all(not c.accepted for c in missing.communes)


def test_the_overview_shows_page_links_that_keep_the_sort(province, client, login_as):
    login_as("leadership")
    page = client.get("/tong-quan?sap-xep=ty-le-cao").get_data(as_text=True)
    assert 'aria-label="Trang các xã, thị trấn"' in page
    assert 'href="/tong-quan?trang=2&amp;sap-xep=ty-le-cao"' in page
    households, poor, _near, rate = _expected(2)
    assert f"ước năm 2023: {poor} hộ nghèo (tỷ lệ {rate:.2f}%)".replace(".", ",") in page
    # the chart: the district and the page's communes, the highest rate first
    chart = re.search(r'<svg class="chart".*?</svg>', page, re.S).group(0)
    labels = re.findall(r'class="label(?: district)?">([^<]+)<', chart)
    assert labels[:3] == ["Bình An", "Bình Chánh", "Bình Long"] and labels[-1] == "Toàn huyện"
    assert len(labels) == 21
    # a page link answers the panel alone
    panel = client.get("/tong-quan?trang=3&sap-xep=ty-le-cao", headers=htmx())
    body = panel.get_data(as_text=True)
    assert panel.status_code == 200 and body.lstrip().startswith('<div id="poverty-panel">')
    assert "Xã, thị trấn 41–48 trong 48" in body and "<html" not in body


def test_the_report_page_pages_its_tables_and_keeps_the_totals(province, client, login_as):
    login_as("coordinator")
    page = client.get("/tong-hop/so-ket?trang=2").get_data(as_text=True)
    households, poor, _near, rate = _expected(0)
    footer = re.search(r'<table class="district-table" id="table-poor">.*?<tfoot>(.*?)</tfoot>',
                       page, re.S).group(1)
    assert "Toàn huyện (3/48)" in footer
    assert f">{households:,}<".replace(",", ".") in footer and f">{poor}<" in footer
    assert 'href="/tong-hop/so-ket?trang=3"' in page and 'href="/tong-hop/so-ket?trang=1"' in page
    rows = re.search(r'id="table-poor">.*?<tbody>(.*?)</tbody>', page, re.S).group(1)
    assert rows.count("<tr") == 20 and "Thử 001" in rows
    fragment = client.get("/tong-hop/so-ket?trang=2&loc=chua-tiep-nhan", headers=htmx())
    body = fragment.get_data(as_text=True)
    assert body.lstrip().startswith('<div id="district-communes">')
    assert 'id="unit-narratives" hx-swap-oob="true"' in body   # the page's narratives follow


def test_at_district_size_every_commune_is_shown(app, make_user):
    factories._users.clear()
    plan = db.session.query(Duty).filter_by(code="bao-cao-ket-qua").one().plan
    view = district_view(plan, {"trang": "2", "sap-xep": "ty-le-cao"})
    assert not view.paged and len(view.communes) == 22 and view.communes[0].unit.short_name == "TT Châu Ổ"
