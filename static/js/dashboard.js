// The dashboard's print button (a static file, not an onclick attribute: the Content-Security-Policy allows no inline script).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
