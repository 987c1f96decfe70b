// Where this frontend finds the Delivery API. server.py answers /config.js
// itself (from --api or CMS_API); this file is the default for any other
// static server.
window.CMS_API = window.CMS_API || "http://127.0.0.1:8000/api/v1/";
