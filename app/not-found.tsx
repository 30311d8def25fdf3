import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-xl px-4 py-24 text-center">
      <h1 className="font-serif text-3xl font-bold">Page not found</h1>
      <p className="mt-4 text-muted">There is nothing here. The page may have moved, or it may not be public.</p>
      <p className="mt-6">
        <Link href="/" className="underline">
          Go to the front page
        </Link>
      </p>
    </main>
  );
}
