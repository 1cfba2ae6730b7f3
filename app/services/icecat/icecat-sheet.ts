/**
 * An Icecat product data-sheet as Ponte keeps it: parsed at the edge from Icecat's live JSON (`{ msg, data }`, see
 * docs/icecat.md for the source of every field), reduced to what Ponte writes into Shopify: the title, the long
 * description (HTML), the specifications by group, and the gallery's images. Its digest says whether a sheet changed
 * since it was last written.
 */
import { z } from "zod";
import { valueDigest } from "../hashing/text-digest";

const named = z.object({ Value: z.string() }).passthrough();
const feature = z
  .object({
    Value: z.union([z.string(), z.number()]).transform(String).nullish(),
    PresentationValue: z.string().nullish(),
    Feature: z.object({ Name: named }).passthrough(),
  })
  .passthrough();

export const icecatAnswerSchema = z.object({
  msg: z.string().optional(),
  data: z
    .object({
      GeneralInfo: z
        .object({
          IcecatId: z.union([z.number(), z.string()]).transform(String),
          Title: z.string().nullish(),
          Brand: z.string().nullish(),
          BrandPartCode: z.string().nullish(),
          Description: z.object({ LongDesc: z.string().nullish(), Language: z.string().nullish() }).passthrough().nullish(),
        })
        .passthrough(),
      Image: z.object({ HighPic: z.string().nullish() }).passthrough().nullish(),
      Gallery: z.array(z.object({ Pic: z.string().nullish(), Pic500x500: z.string().nullish() }).passthrough()).nullish(),
      FeaturesGroups: z
        .array(z.object({ FeatureGroup: z.object({ Name: named }).passthrough(), Features: z.array(feature) }).passthrough())
        .nullish(),
    })
    .passthrough(),
});

/** An error answer: `Code` (the HTTP status), `Message`, `StatusCode` (Icecat's JSON error number). */
export const icecatErrorSchema = z
  .object({ Message: z.string().optional(), message: z.string().optional(), StatusCode: z.number().optional(), Code: z.number().optional() })
  .passthrough();

export interface IcecatSheet {
  icecatId: string;
  title: string;
  descriptionHtml: string;
  /** The language Icecat says the description is in (its `Description.Language`), when it says. */
  descriptionLanguage: string | null;
  specifications: Array<{ group: string; name: string; value: string }>;
  images: string[];
}

export function sheetOf(answer: z.output<typeof icecatAnswerSchema>): IcecatSheet {
  const { data } = answer;
  const gallery = (data.Gallery ?? []).map((picture) => picture.Pic ?? picture.Pic500x500 ?? "").filter(Boolean);
  const images = gallery.length ? gallery : data.Image?.HighPic ? [data.Image.HighPic] : [];
  return {
    icecatId: data.GeneralInfo.IcecatId,
    title: data.GeneralInfo.Title ?? "",
    descriptionHtml: data.GeneralInfo.Description?.LongDesc ?? "",
    descriptionLanguage: data.GeneralInfo.Description?.Language?.toUpperCase() ?? null,
    specifications: (data.FeaturesGroups ?? []).flatMap((group) =>
      group.Features.flatMap((one) => {
        const value = (one.PresentationValue ?? one.Value ?? "").trim();
        return value ? [{ group: group.FeatureGroup.Name.Value, name: one.Feature.Name.Value, value }] : [];
      }),
    ),
    images: [...new Set(images)],
  };
}

/**
 * The language an Icecat language code is a variant of: Icecat answers a request in `EN` with a description it marks
 * `US` (a captured answer, test/fixtures/icecat), and has regional codes such as `DE_CH` or `EN_GB`; `BR` (Brazilian
 * Portuguese) is Portuguese.
 */
export function icecatLanguageFamily(code: string): string {
  const base = code.toUpperCase().split(/[_-]/)[0] ?? "";
  return base === "US" ? "EN" : base === "BR" ? "PT" : base;
}

/** The sheet's digest: a sheet whose digest did not change since it was written sends nothing. */
export const sheetDigest = (sheet: IcecatSheet, written: unknown) => valueDigest({ sheet, written });
