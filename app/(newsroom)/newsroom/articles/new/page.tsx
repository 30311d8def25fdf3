import type { Metadata } from "next";
import { ArticleWorkspace } from "@/components/newsroom/article-workspace";
import { transitionAction } from "@/lib/actions/articles";
import { can } from "@/lib/auth/policy";
import { requireUserPage } from "@/lib/auth/session";
import { listBylineCandidates } from "@/lib/data/people";
import { getPublication } from "@/lib/data/publication";
import { listSections } from "@/lib/data/sections";
import { availableTransitions, STATUS } from "@/lib/domain/workflow";

export const metadata: Metadata = { title: "New story | Masthead newsroom" };

export default async function NewArticlePage() {
  const user = await requireUserPage();
  const [sections, people, publication] = await Promise.all([listSections(), listBylineCandidates(), getPublication()]);
  // The story exists from the first keystroke (a draft of the user's own); the editor then offers what they may do with it.
  const ownDraft = { status: STATUS.DRAFT, createdById: user.userId, authorPersonIds: [user.personId] };
  const transitions = availableTransitions(STATUS.DRAFT).filter((action) => can(user, action, ownDraft));
  return (
    <div>
      <h1 className="font-serif text-2xl font-bold">New story</h1>
      <p className="mt-1 text-muted">You are the first byline. Add co-authors if you reported it together. The story is saved as you type.</p>
      <div className="mt-6">
        <ArticleWorkspace
          article={null}
          canEdit
          sections={sections}
          people={people.filter((p) => p.id !== user.personId)}
          transitions={transitions}
          timeZone={publication.timeZone}
          transitionAction={transitionAction}
        />
      </div>
    </div>
  );
}
