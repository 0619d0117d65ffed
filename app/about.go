package app

// About says which Deskline this is and where it keeps its data (the About
// dialog).
type About struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	DataDir string `json:"dataDir"`
}

// AboutService answers the About dialog.
type AboutService struct {
	info About
}

// About returns the product name, the release version and the data folder.
func (s *AboutService) About() (About, error) { return s.info, nil }

// SetAbout records the release version and the data folder the app runs on.
func (a *App) SetAbout(version, dataDir string) {
	a.About.info = About{Name: "Deskline", Version: version, DataDir: dataDir}
}
