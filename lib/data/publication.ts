import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { cache } from "react";
import { db } from "./db";

export type PublicationSettings = {
  name: string;
  tagline: string;
  timeZone: string;
  reviewPolicy: "ADVISER_APPROVES" | "STUDENT_EDITORS_PUBLISH";
  nameDisplayDefault: "FULL" | "FIRST_LAST_INITIAL" | "PEN_NAME";
  schoolYearStartMonth: number;
};

const FALLBACK: PublicationSettings = {
  name: "Masthead",
  tagline: "",
  timeZone: "UTC",
  reviewPolicy: "ADVISER_APPROVES",
  nameDisplayDefault: "FULL",
  schoolYearStartMonth: 8,
};

/** The publication's settings (defaults before /setup has run). Read once per request. */
/** `tx`: read inside a transaction, where only the transaction's client may be used. */
export const getPublication = cache(async (tx?: Prisma.TransactionClient): Promise<PublicationSettings> => {
  const row = await (tx ?? db).publication.findUnique({ where: { id: 1 } });
  if (!row) return FALLBACK;
  return {
    name: row.name,
    tagline: row.tagline,
    timeZone: row.timeZone,
    reviewPolicy: row.reviewPolicy,
    nameDisplayDefault: row.nameDisplayDefault,
    schoolYearStartMonth: row.schoolYearStartMonth,
  };
});
