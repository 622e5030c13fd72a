//! Strings shown to officers: one catalog per language (Indonesian default, English).
