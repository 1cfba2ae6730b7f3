/**
 * The Icecat emulator's product data-sheets, shaped as Icecat's live JSON interface answers them (`{ msg, data }` with
 * GeneralInfo, Image, Gallery and FeaturesGroups; field names from Icecat's "Manual for Icecat JSON Product Requests",
 * iceclog.com, and the clients that read it). A few sheets, found by GTIN or by Brand + ProductCode; one brand whose
 * sheets only Full Icecat users may read. Image URLs are made against the emulator's own address.
 */

export interface EmulatedSheet {
  icecatId: number;
  brand: string;
  productCode: string;
  gtins: string[];
  /** Open Icecat users cannot read it (a brand that does not sponsor Open Icecat). */
  fullIcecatOnly?: boolean;
  title: Record<string, string>;
  longDesc: Record<string, string>;
  images: string[];
  features: Array<{ group: Record<string, string>; name: Record<string, string>; value: string; presentation: Record<string, string> }>;
}

export const DEMO_SHEETS: EmulatedSheet[] = [
  {
    icecatId: 85961948,
    brand: "Bialetti",
    productCode: "0001162",
    gtins: ["8006363011624"],
    title: { EN: "Bialetti Moka Express 3 cups", IT: "Bialetti Moka Express 3 tazze" },
    longDesc: {
      EN: "<b>The original moka pot.</b><br>Aluminium body, the gentleman with the moustache on the side, coffee in five minutes on gas or electric hobs.",
      IT: "<b>La moka originale.</b><br>Corpo in alluminio, l'omino coi baffi sul fianco, caffè in cinque minuti su gas o piastra elettrica.",
    },
    images: ["moka-express-front.png", "moka-express-open.png"],
    features: [
      {
        group: { EN: "Design", IT: "Design" },
        name: { EN: "Material", IT: "Materiale" },
        value: "Aluminium",
        presentation: { EN: "Aluminium", IT: "Alluminio" },
      },
      { group: { EN: "Design", IT: "Design" }, name: { EN: "Colour", IT: "Colore" }, value: "Silver", presentation: { EN: "Silver", IT: "Argento" } },
      {
        group: { EN: "Features", IT: "Caratteristiche" },
        name: { EN: "Capacity (cups)", IT: "Capacità (tazze)" },
        value: "3",
        presentation: { EN: "3", IT: "3" },
      },
      {
        group: { EN: "Features", IT: "Caratteristiche" },
        name: { EN: "Volume", IT: "Volume" },
        value: "0.13",
        presentation: { EN: "0.13 L", IT: "0,13 L" },
      },
    ],
  },
  {
    icecatId: 91234567,
    brand: "Illy",
    productCode: "ILLY-CLASSICO-250",
    gtins: ["8003753970042"],
    title: { EN: "illy Classico ground coffee 250 g", IT: "illy Classico caffè macinato 250 g" },
    longDesc: {
      EN: "Medium roast, notes of caramel, orange blossom and jasmine.",
      IT: "Tostatura media, note di caramello, fiori d'arancio e gelsomino.",
    },
    images: ["illy-classico.png"],
    features: [
      {
        group: { EN: "General", IT: "Generale" },
        name: { EN: "Roast", IT: "Tostatura" },
        value: "Medium",
        presentation: { EN: "Medium", IT: "Media" },
      },
      {
        group: { EN: "General", IT: "Generale" },
        name: { EN: "Net weight", IT: "Peso netto" },
        value: "250",
        presentation: { EN: "250 g", IT: "250 g" },
      },
    ],
  },
  {
    // The sandbox's demo "Moka 3 tazze" (vendor Officina Alpi, SKU MOKA-3), found by brand and part number.
    icecatId: 88000003,
    brand: "Officina Alpi",
    productCode: "MOKA-3",
    gtins: [],
    title: { EN: "Officina Alpi stovetop coffee maker, 3 cups", IT: "Officina Alpi caffettiera moka, 3 tazze" },
    longDesc: {
      EN: "<p>Cast aluminium moka pot with a heat-proof handle. Makes three cups in about five minutes.</p>",
      IT: "<p>Moka in alluminio pressofuso con manico atermico. Tre tazze in circa cinque minuti.</p>",
    },
    images: ["officina-alpi-moka-3.png"],
    features: [
      {
        group: { EN: "Design", IT: "Design" },
        name: { EN: "Material", IT: "Materiale" },
        value: "Aluminium",
        presentation: { EN: "Aluminium", IT: "Alluminio" },
      },
      {
        group: { EN: "Features", IT: "Caratteristiche" },
        name: { EN: "Capacity (cups)", IT: "Capacità (tazze)" },
        value: "3",
        presentation: { EN: "3", IT: "3" },
      },
    ],
  },
  {
    icecatId: 70000001,
    brand: "Lusso",
    productCode: "LX-TAZZA-ORO",
    gtins: ["8000000000013"],
    fullIcecatOnly: true,
    title: { EN: "Lusso gold espresso cup", IT: "Lusso tazzina d'oro" },
    longDesc: { EN: "Gold rim.", IT: "Bordo d'oro." },
    images: [],
    features: [],
  },
];

/**
 * A sheet as Icecat's JSON answers it, in one language: a text the sheet lacks in that language is given in English,
 * and the description's `Language` names the language it is in. ASSUMED: that Icecat falls back to its international
 * English text and says so in `Description.Language`; its manual shows the field but not the fallback.
 */
export function sheetJson(sheet: EmulatedSheet, lang: string, baseUrl: string): unknown {
  const pick = (texts: Record<string, string>) => texts[lang] ?? texts.EN ?? "";
  const picture = (name: string) => `${baseUrl}/img/${name}`;
  const groups = [...new Set(sheet.features.map((feature) => pick(feature.group)))];
  return {
    msg: "OK",
    data: {
      GeneralInfo: {
        IcecatId: sheet.icecatId,
        Title: pick(sheet.title),
        Brand: sheet.brand,
        BrandPartCode: sheet.productCode,
        GTIN: sheet.gtins,
        ProductName: pick(sheet.title),
        Description: { ID: sheet.icecatId, LongDesc: pick(sheet.longDesc), Language: sheet.longDesc[lang] ? lang : "EN" },
        SummaryDescription: { ShortSummaryDescription: pick(sheet.title), LongSummaryDescription: pick(sheet.title) },
      },
      Image: sheet.images[0]
        ? {
            HighPic: picture(sheet.images[0]),
            Pic500x500: picture(sheet.images[0]),
            LowPic: picture(sheet.images[0]),
            ThumbPic: picture(sheet.images[0]),
          }
        : {},
      Gallery: sheet.images.map((name, index) => ({
        ID: sheet.icecatId * 10 + index,
        Pic: picture(name),
        Pic500x500: picture(name),
        LowPic: picture(name),
        ThumbPic: picture(name),
        No: index + 1,
        IsMain: index === 0 ? "Y" : "N",
      })),
      FeaturesGroups: groups.map((group, groupIndex) => ({
        ID: groupIndex + 1,
        SortNo: groupIndex,
        FeatureGroup: { ID: String(groupIndex + 1), Name: { ID: groupIndex + 1, Value: group, Language: lang } },
        Features: sheet.features
          .filter((feature) => pick(feature.group) === group)
          .map((feature, index) => ({
            ID: groupIndex * 100 + index + 1,
            Value: feature.value,
            PresentationValue: pick(feature.presentation),
            Feature: { ID: String(groupIndex * 100 + index + 1), Name: { Value: pick(feature.name), Language: lang } },
          })),
      })),
    },
  };
}
