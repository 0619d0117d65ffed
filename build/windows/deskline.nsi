; Deskline's Windows installer, built on Linux by scripts/release.sh with
; Debian's makensis:
;
;   makensis -WX -DVERSION=0.1.0 -DEXE=Deskline.exe -DICON=deskline.ico \
;            -DOUTFILE=Deskline-0.1.0-windows-amd64-setup.exe [-DWEBVIEW2_SETUP=MicrosoftEdgeWebview2Setup.exe] \
;            build/windows/deskline.nsi
;
; It installs for the current user only (no administrator rights): the program
; goes to %LOCALAPPDATA%\Programs\Deskline, a Start-menu shortcut and an entry
; under "Installed apps" are added. The desk itself (database, attachments,
; backups) lives in %APPDATA%\Deskline, outside the program folder: installing
; a newer version over an older one replaces the program only, and the
; uninstaller leaves the data folder where it is and says so.
;
; WebView2: Deskline draws its window with Microsoft Edge WebView2, which
; Windows 11 and current Windows 10 already have. The installer looks for the
; runtime where Microsoft says to (the EdgeUpdate client key, per machine and
; per user); when it is missing it runs Microsoft's bootstrapper if this
; installer carries one (WEBVIEW2_SETUP), which downloads and installs the
; runtime. If that is not possible it tells the user; Deskline itself checks
; again at start and offers to install the runtime.

Unicode true
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION | EXE | ICON | OUTFILE
  !error "define VERSION, EXE, ICON and OUTFILE (see the top of this file)"
!endif

!define PRODUCT "Deskline"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Deskline"
!define WEBVIEW2_CLIENT "Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
!define DATA_DIR "$APPDATA\Deskline"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "Software\${PRODUCT}" "InstallDir"
ShowInstDetails show
ShowUninstDetails show
BrandingText "${PRODUCT} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIFileVersion "${VERSION}.0"
VIAddVersionKey /LANG=1033 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=1033 "CompanyName" "${PRODUCT}"
VIAddVersionKey /LANG=1033 "FileDescription" "${PRODUCT} ${VERSION} Setup"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "LegalCopyright" "${PRODUCT}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"
!include "WinVer.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\Deskline.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Start ${PRODUCT}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!define MUI_FINISHPAGE_TITLE "${PRODUCT} has been removed"
!define MUI_FINISHPAGE_TEXT "Your desk was kept: the database, attachments and backups stay in$\r$\n$\r$\n${DATA_DIR}$\r$\n$\r$\nInstalling ${PRODUCT} again opens it as it was. Delete that folder yourself if you no longer need it."
!insertmacro MUI_UNPAGE_FINISH

!insertmacro MUI_LANGUAGE "English"

Function .onInit
  ${IfNot} ${RunningX64}
  ${OrIfNot} ${AtLeastWin10}
    MessageBox MB_OK|MB_ICONSTOP "${PRODUCT} needs 64-bit Windows 10 or later." /SD IDOK
    Abort
  ${EndIf}
  SetShellVarContext current
FunctionEnd

; WebView2Installed leaves "1" on the stack when the WebView2 runtime is
; installed for the machine or for this user, else "0".
Function WebView2Installed
  Push $0
  SetRegView 64
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\${WEBVIEW2_CLIENT}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  SetRegView lastused
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    StrCpy $0 "0"
  ${Else}
    StrCpy $0 "1"
  ${EndIf}
  Exch $0
FunctionEnd

Section "Install"
  SetShellVarContext current

  Call WebView2Installed
  Pop $0
  ${If} $0 == "0"
!ifdef WEBVIEW2_SETUP
    DetailPrint "Installing the Microsoft Edge WebView2 Runtime (downloads it from Microsoft)..."
    InitPluginsDir
    SetOutPath "$PLUGINSDIR"
    File "/oname=MicrosoftEdgeWebview2Setup.exe" "${WEBVIEW2_SETUP}"
    ExecWait '"$PLUGINSDIR\MicrosoftEdgeWebview2Setup.exe" /silent /install' $1
    Call WebView2Installed
    Pop $0
!endif
    ${If} $0 == "0"
      DetailPrint "The Microsoft Edge WebView2 Runtime is not installed."
      MessageBox MB_OK|MB_ICONEXCLAMATION "${PRODUCT} needs the Microsoft Edge WebView2 Runtime, which is not installed yet.$\r$\n$\r$\n${PRODUCT} will offer to install it the first time it starts (this needs an internet connection), or install the Evergreen WebView2 Runtime from Microsoft yourself." /SD IDOK
    ${EndIf}
  ${EndIf}

  SetOutPath "$INSTDIR"
  File "/oname=Deskline.exe" "${EXE}"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\Deskline.exe" "" "$INSTDIR\Deskline.exe" 0

  WriteRegStr HKCU "Software\${PRODUCT}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\Deskline.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  SectionGetSize 0 $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0

  DetailPrint "Your desk's data folder is ${DATA_DIR}; installing a newer version keeps it."
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$INSTDIR\Deskline.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  ; The web view's own cache (WebView2 names it after the program); the
  ; app keeps nothing of the user's there.
  RMDir /r "$APPDATA\Deskline.exe"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\${PRODUCT}"
  ; The name and icon Windows shows on Deskline's notifications (the app
  ; registers them under its AppUserModelID when it first notifies).
  DeleteRegKey HKCU "Software\Classes\AppUserModelId\${PRODUCT}"
  DetailPrint "Kept your data folder: ${DATA_DIR}"
SectionEnd
