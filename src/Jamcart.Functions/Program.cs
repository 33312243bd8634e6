using Jamcart.Functions;

var builder = FunctionsApp.CreateBuilder(args);
builder.AddJamcartFunctions();

var app = builder.Build();
app.UseJamcartFunctions();
app.Run();
