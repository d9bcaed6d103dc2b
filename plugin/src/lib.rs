wit_bindgen::generate!({ path: "../wit", world: "integration", generate_all });
