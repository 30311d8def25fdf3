import Link from "next/link";
import type { ArticleStatus } from "@/lib/domain/workflow";
import { StatusBadge } from "./status-badge";

export type StoryRow = {
  id: string;
  headline: string;
  status: ArticleStatus;
  section: string | null;
  authors: string;
  wordCount: number;
  updatedLabel: string;
};

export function StoryTable({ caption, rows, empty }: { caption: string; rows: StoryRow[]; empty: string }) {
  return (
    <section className="mt-8" aria-label={caption}>
      <h2 className="text-xl font-bold">{caption}</h2>
      {rows.length === 0 ? (
        <p className="mt-2 text-muted">{empty}</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <thead>
              <tr className="border-b border-rule">
                <th scope="col" className="py-2 pr-4">Headline</th>
                <th scope="col" className="py-2 pr-4">Status</th>
                <th scope="col" className="py-2 pr-4">Section</th>
                <th scope="col" className="py-2 pr-4">Byline</th>
                <th scope="col" className="py-2 pr-4 text-right">Words</th>
                <th scope="col" className="py-2">Updated</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-b border-rule">
                  <td className="py-2 pr-4 font-semibold">
                    <Link href={`/newsroom/articles/${r.id}`}>{r.headline}</Link>
                  </td>
                  <td data-label="Status" className="py-2 pr-4">
                    <StatusBadge status={r.status} />
                  </td>
                  <td data-label="Section" className="py-2 pr-4">{r.section ?? "—"}</td>
                  <td data-label="Byline" className="py-2 pr-4">{r.authors}</td>
                  <td data-label="Words" className="py-2 pr-4 text-right">{r.wordCount}</td>
                  <td data-label="Updated" className="py-2">{r.updatedLabel}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
