// GIVEN a real answer of Icecat's live JSON interface (test/fixtures/icecat, kept unchanged) and built ones
// WHEN Ponte parses it at the edge into the sheet it writes
// THEN the real answer parses: its id, title, gallery image, no specifications, and an empty description marked US;
//      a language's regional variant counts as that language
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { icecatAnswerSchema, icecatLanguageFamily, sheetDigest, sheetOf } from "../../app/services/icecat/icecat-sheet";

const fixture = (name: string) => JSON.parse(readFileSync(path.join(import.meta.dirname, "../fixtures/icecat", name), "utf8")) as unknown;

describe("an Icecat sheet", () => {
  it("reads a real answer to Icecat's demo account", () => {
    const sheet = sheetOf(icecatAnswerSchema.parse(fixture("open-icecat-demo-hp-1198270-en.json")));
    expect(sheet).toEqual({
      icecatId: "1198270",
      title: "HP Compaq 6710b Base Model Notebook PC",
      descriptionHtml: "",
      descriptionLanguage: "US",
      specifications: [],
      images: ["https://images.icecat.biz/img/norm/high/1198270-HP.jpg"],
    });
  });

  it("takes a feature's presentation value, else its value, and leaves out empty ones", () => {
    const sheet = sheetOf(
      icecatAnswerSchema.parse({
        msg: "OK",
        data: {
          GeneralInfo: { IcecatId: "7", Title: "Moka", Description: { LongDesc: "<p>Moka</p>", Language: "it" } },
          Image: { HighPic: "https://images.icecat.biz/high.jpg" },
          Gallery: [],
          FeaturesGroups: [
            {
              FeatureGroup: { Name: { Value: "Design" } },
              Features: [
                { Value: "Aluminium", PresentationValue: "Alluminio", Feature: { Name: { Value: "Materiale" } } },
                { Value: 3, Feature: { Name: { Value: "Tazze" } } },
                { Value: "", PresentationValue: " ", Feature: { Name: { Value: "Colore" } } },
              ],
            },
          ],
        },
      }),
    );
    expect(sheet.specifications).toEqual([
      { group: "Design", name: "Materiale", value: "Alluminio" },
      { group: "Design", name: "Tazze", value: "3" },
    ]);
    expect(sheet.images).toEqual(["https://images.icecat.biz/high.jpg"]);
    expect(sheet.descriptionLanguage).toBe("IT");
    expect(sheetDigest(sheet, { description: true })).not.toBe(sheetDigest(sheet, { description: false }));
  });

  it("counts a regional variant as its language", () => {
    expect(icecatLanguageFamily("US")).toBe("EN");
    expect(icecatLanguageFamily("en_gb")).toBe("EN");
    expect(icecatLanguageFamily("DE_CH")).toBe("DE");
    expect(icecatLanguageFamily("BR")).toBe("PT");
    expect(icecatLanguageFamily("IT")).not.toBe(icecatLanguageFamily("EN"));
  });
});
