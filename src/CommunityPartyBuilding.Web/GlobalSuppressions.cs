using System.Diagnostics.CodeAnalysis;

// CA1716 warns that "Shared" is a keyword in Visual Basic. The portal is C# and Razor only, and Components/Shared is
// the folder name Razor projects use; renaming it would rename every component's namespace for no reader's benefit.
[assembly: SuppressMessage("Naming", "CA1716", Justification = "C#-only project; Shared is the conventional Razor folder.", Scope = "namespace", Target = "~N:CommunityPartyBuilding.Web.Components.Shared")]
