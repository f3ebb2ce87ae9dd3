/**
 * A customer's HTML (an email body) in a frame with no permissions at all (`sandbox=""`): no
 * script runs, no form submits, no link navigates the console, whatever the hub's sanitiser let
 * through. The page's CSP forbids inline scripts in the frame too (srcdoc inherits it).
 */
export function CustomerHtml({ html, title }: { html: string; title: string }) {
  return <iframe className="customer-html" sandbox="" srcDoc={html} title={title} referrerPolicy="no-referrer" />;
}
