import type { SeededRandom } from "./random.ts";

// Common Vietnamese name parts; combinations are synthetic people.
const FAMILY = [
  "Nguyễn",
  "Trần",
  "Lê",
  "Phạm",
  "Hoàng",
  "Vũ",
  "Võ",
  "Đặng",
  "Bùi",
  "Đỗ",
  "Hồ",
  "Ngô",
  "Dương",
  "Lý",
  "Đinh",
  "Mai",
  "Trịnh",
  "Đào",
];
const MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thành", "Xuân"];
const MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng", "Phương", "Thùy"];
const GIVEN_M = [
  "An",
  "Bình",
  "Cường",
  "Dũng",
  "Hải",
  "Hùng",
  "Khánh",
  "Long",
  "Nam",
  "Phong",
  "Quân",
  "Sơn",
  "Thắng",
  "Trung",
  "Tuấn",
  "Việt",
];
const GIVEN_F = [
  "Anh",
  "Chi",
  "Dung",
  "Giang",
  "Hà",
  "Hạnh",
  "Hoa",
  "Hương",
  "Lan",
  "Linh",
  "Mai",
  "Ngọc",
  "Nhung",
  "Phương",
  "Thảo",
  "Trang",
  "Yến",
];
const COMPANIES = [
  "Công ty TNHH Thương mại Hoa Lư",
  "Công ty Cổ phần Xây dựng Tràng An",
  "Hợp tác xã Nông nghiệp Kim Sơn",
  "Công ty TNHH Du lịch Tam Cốc",
  "Công ty Cổ phần Dệt may Nam Định",
  "Công ty TNHH Cơ khí Phủ Lý",
];

/** A synthetic applicant whose CCCD decodes (born in Hà Nam, Nam Định or Ninh Bình). */
export function syntheticApplicant(rnd: SeededRandom, organisation: boolean) {
  if (organisation) {
    return {
      kind: "organisation" as const,
      name: rnd.pick(COMPANIES),
      idNumber: `0${rnd.int(700_000_000, 799_999_999)}`,
      representative: "",
      phone: `09${rnd.int(10_000_000, 99_999_999)}`,
      email: "",
      address: "Tỉnh Ninh Bình",
    };
  }
  const female = rnd.chance(0.5);
  const year = rnd.int(1950, 2006);
  const digit = (year >= 2000 ? 2 : 0) + (female ? 1 : 0);
  const idNumber = `${rnd.pick(["035", "036", "037"])}${digit}${String(year % 100).padStart(2, "0")}${String(rnd.int(0, 999_999)).padStart(6, "0")}`;
  const name = `${rnd.pick(FAMILY)} ${rnd.pick(female ? MIDDLE_F : MIDDLE_M)} ${rnd.pick(female ? GIVEN_F : GIVEN_M)}`;
  return {
    kind: "individual" as const,
    name,
    idNumber,
    phone: `09${rnd.int(10_000_000, 99_999_999)}`,
    email: "",
    address: "Tỉnh Ninh Bình",
  };
}
