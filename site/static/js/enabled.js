// Lets GOV.UK Frontend styles know JavaScript runs (its documented body classes).
document.body.className += " js-enabled" +
  ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
