// The editor's public face; its hooks and parts are private to this folder.
export { ArticleWorkspace, type EditableArticle } from "./article-workspace";
