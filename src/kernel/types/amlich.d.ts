declare module "amlich" {
  /** Returns [day, month, year] of the solar date. */
  function convertLunar2Solar(
    lunarDay: number,
    lunarMonth: number,
    lunarYear: number,
    lunarLeap: number,
    timeZone: number,
  ): [number, number, number];
  function convertSolar2Lunar(
    dd: number,
    mm: number,
    yyyy: number,
    timeZone: number,
  ): [number, number, number, number];
  const amlich: {
    convertLunar2Solar: typeof convertLunar2Solar;
    convertSolar2Lunar: typeof convertSolar2Lunar;
  };
  export default amlich;
}
