import { buildIssuePdfData } from "@/lib/data/issues";
import { renderIssuePdf } from "@/lib/pdf/issue-pdf";

export const dynamic = "force-dynamic";

/** The issue as a print-ready PDF, made on the server by pdfkit. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const data = await buildIssuePdfData({ slug: slug.slice(0, 120) });
  if (!data) return new Response("Not found", { status: 404 });
  const pdf = await renderIssuePdf(data);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${slug.replace(/[^a-z0-9-]/g, "")}.pdf"`,
      "Cache-Control": "public, s-maxage=60, stale-while-revalidate=600",
    },
  });
}
