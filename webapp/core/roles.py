"""Unit kinds and the roles they give. A user belongs to one unit; the unit's kind is the role."""
from enum import StrEnum


class UnitKind(StrEnum):
    COORDINATOR = "coordinator"      # Phòng LĐTB&XH
    HOME_AFFAIRS = "home_affairs"    # Phòng Nội vụ
    OFFICE = "office"                # Văn phòng HĐND và UBND huyện
    DEPARTMENT = "department"        # other district offices
    COMMUNE = "commune"              # xã, thị trấn
    MASS_ORG = "mass_org"            # MTTQ, hội đoàn thể, NHCSXH
    LEADERSHIP = "leadership"        # Thường trực, lãnh đạo UBND, Ban chỉ đạo
    PROVINCE = "province"            # guests: no accounts
    ADMIN = "admin"                  # system administration


class Role(StrEnum):
    COORDINATOR = "coordinator"
    HOME_AFFAIRS = "home_affairs"
    OFFICE = "office"
    DEPARTMENT = "department"
    COMMUNE = "commune"
    MASS_ORG = "mass_org"
    LEADERSHIP = "leadership"
    ADMIN = "admin"


ROLE_OF_KIND: dict[UnitKind, Role | None] = {
    UnitKind.COORDINATOR: Role.COORDINATOR,
    UnitKind.HOME_AFFAIRS: Role.HOME_AFFAIRS,
    UnitKind.OFFICE: Role.OFFICE,
    UnitKind.DEPARTMENT: Role.DEPARTMENT,
    UnitKind.COMMUNE: Role.COMMUNE,
    UnitKind.MASS_ORG: Role.MASS_ORG,
    UnitKind.LEADERSHIP: Role.LEADERSHIP,
    UnitKind.PROVINCE: None,
    UnitKind.ADMIN: Role.ADMIN,
}

KIND_LABELS = {
    UnitKind.COORDINATOR: "Phòng LĐTB&XH",
    UnitKind.HOME_AFFAIRS: "Phòng Nội vụ",
    UnitKind.OFFICE: "Văn phòng",
    UnitKind.DEPARTMENT: "Phòng, ban huyện",
    UnitKind.COMMUNE: "Xã, thị trấn",
    UnitKind.MASS_ORG: "Đoàn thể, NHCSXH",
    UnitKind.LEADERSHIP: "Lãnh đạo huyện",
    UnitKind.PROVINCE: "Khách mời cấp tỉnh",
    UnitKind.ADMIN: "Quản trị",
}

ROLE_LABELS = {
    Role.COORDINATOR: "Điều phối (Phòng LĐTB&XH)",
    Role.HOME_AFFAIRS: "Phòng Nội vụ",
    Role.OFFICE: "Văn phòng HĐND và UBND",
    Role.DEPARTMENT: "Phòng, ban",
    Role.COMMUNE: "Xã, thị trấn",
    Role.MASS_ORG: "Đoàn thể",
    Role.LEADERSHIP: "Lãnh đạo (chỉ xem)",
    Role.ADMIN: "Quản trị hệ thống",
}
